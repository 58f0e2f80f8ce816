"""What setuptools puts into the wheel (everything else is in pyproject.toml).

The repository keeps the application's data files in ``resources/`` at its root (forms,
programmes, the committed built translations). The wheel carries them as the data folder
``hembesok_desktop/_resources``, mapped with ``package_dir``; ``hembesok_desktop.resources``
finds them there when installed, and in ``resources/`` in a checkout or an editable install.
Every file of every sub-folder goes in, except the ``.ts`` translation sources (only the
``.qm`` files are read at run time). A mapped package cannot be expressed with
``[tool.setuptools.packages.find]``, hence this file.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

RESOURCES_PACKAGE = "hembesok_desktop._resources"
RESOURCES_DIR = Path(__file__).resolve().parent / "resources"
# each sub-folder is listed as a package of its own, so setuptools takes it as data, not code
RESOURCE_PACKAGES = [RESOURCES_PACKAGE] + [
    f"{RESOURCES_PACKAGE}.{folder.name}"
    for folder in sorted(RESOURCES_DIR.iterdir())
    if folder.is_dir() and not folder.name.startswith((".", "_"))
]

setup(
    packages=[
        # as [tool.setuptools.packages.find] did before: namespace packages count too
        *find_namespace_packages(
            include=["hembesok_desktop", "hembesok_desktop.*"], exclude=["*.__pycache__"]
        ),
        *RESOURCE_PACKAGES,
    ],
    package_dir={RESOURCES_PACKAGE: "resources"},
    package_data={
        "hembesok_desktop": ["py.typed"],
        "hembesok_desktop.store": ["migrations/*.ini", "migrations/*.mako"],
        # the region's console: its templates (one folder per page area), style sheet and
        # message catalogues (one file per page area)
        "hembesok_desktop.server.console": [
            "templates/**/*.html",
            "static/**/*",
            "messages/*.json",
        ],
        **{package: ["*"] for package in RESOURCE_PACKAGES[1:]},
    },
    exclude_package_data={package: ["*.ts"] for package in RESOURCE_PACKAGES},
)
