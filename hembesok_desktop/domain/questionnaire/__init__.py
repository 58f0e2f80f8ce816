"""FHIR R4 Questionnaire engine: forms as data, answers, scores, flags and follow-up offers.

Pure Python (no Qt, SQL or HTTP). Forms are FHIR R4 ``Questionnaire`` JSON files in
``resources/forms/``; answers are exported as ``QuestionnaireResponse``.

Supported subset
----------------
Item types ``group``, ``display``, ``boolean``, ``choice``, ``open-choice``, ``integer``,
``decimal``, ``string``, ``text``, ``date``, ``dateTime``, ``time`` and ``quantity`` (with the
``questionnaire-unit`` / ``questionnaire-unitOption`` extensions); ``required``, ``repeats`` (on
questions and on groups: see :class:`GroupAnswer`), ``readOnly``, ``initial``, ``maxLength``, the
``minValue``/``maxValue`` and ``questionnaire-hidden`` extensions; ``enableWhen`` with
``enableBehavior`` and the operators ``exists = != > < >= <=``; ``answerOption`` with
``valueCoding``, ``valueString`` or ``valueInteger``, or ``answerValueSet`` pointing at a ValueSet
contained in the form or bundled with the forms (:mod:`.terminology`). SDC expressions in FHIRPath
(``calculatedExpression``, ``enableWhenExpression``, ``initialExpression``, ``variable``, launch
contexts) are run by the ``fhirpathpy`` library (:mod:`.expressions`, :mod:`.calculate`).
Option scores come from the ``ordinalValue`` (http://hl7.org/fhir/StructureDefinition/ordinalValue)
or ``itemWeight`` (http://hl7.org/fhir/StructureDefinition/itemWeight) extension, on the option or
on its ``valueCoding``, or from the ValueSet expansion or CodeSystem (:mod:`.terminology`).
Texts are translated with the ``translation`` extension
(http://hl7.org/fhir/StructureDefinition/translation, sub-extensions ``lang`` and ``content``) on
``_title``, an item's ``_text``, a Coding's ``_display`` and an option's ``_valueString``.

Unknown elements and extensions are ignored. A form needing something unsupported is refused
with one :class:`QuestionnaireLoadError` naming the form and the item linkId.

Hembesök scoring extension
--------------------------
URL ``http://hembesok.se/fhir/StructureDefinition/scoring``, a complex extension on the
Questionnaire root with repeating sub-extensions::

    {"url": "http://hembesok.se/fhir/StructureDefinition/scoring", "extension": [
      {"url": "area", "extension": [
        {"url": "id", "valueCode": "economy"},
        {"url": "label", "valueString": "Ekonomi", "_valueString": {<translations>}},
        {"url": "linkId", "valueString": "bs-economy"},          (repeat for each item)
        {"url": "rule", "valueCode": "any-positive"},            (default; or "at-least", "none")
        {"url": "value", "valueDecimal": 2},                     (for "at-least")
        {"url": "severity", "valueCode": "positive"}]},          (default; or "urgent")
      {"url": "flag", "extension": [
        {"url": "id", "valueCode": "epds-positive"},
        {"url": "rule", "valueCode": "total-at-least"},   (area-at-least, item-above, item-at-least)
        {"url": "value", "valueDecimal": 12},
        {"url": "area", "valueCode": "depression"},       (optional; required for area-at-least)
        {"url": "linkId", "valueString": "epds-10"},      (for item-above / item-at-least)
        {"url": "severity", "valueCode": "urgent"},
        {"url": "label", "valueString": "...", "_valueString": {<translations>}}]}]}

Scoring rules are described in :mod:`.scoring`. Without this extension a form's total is the sum
of the ordinal values of the options chosen, and it raises no flags.

Versions and drafts
-------------------
A response records ``questionnaire = url|version``; :class:`FormRegistry` keeps every loaded
version so a stored response renders with its own. :func:`migrate_draft` moves a draft to a new
version and reports what it could not keep.
"""

from .calculate import initial_answers
from .draft import ItemChange, MigrationReport, migrate_draft
from .enable_when import (
    Resolved,
    enabled_answers,
    enabled_link_ids,
    is_enabled,
    resolve,
    visible_items,
)
from .followup import Offer, OfferSuggestion, load_offers, required_offer_ids, suggest_offers
from .loader import QuestionnaireLoadError, load_questionnaire, parse_questionnaire
from .model import (
    AnswerOption,
    Answers,
    AnswersInput,
    AnswerValue,
    Coding,
    EnableWhen,
    Expression,
    GroupAnswer,
    Item,
    LocalizedText,
    Quantity,
    Questionnaire,
    flatten_answers,
    normalize_answers,
)
from .registry import FormNotFoundError, FormRegistry
from .response import ParsedResponse, ResponseError, build_response, read_response
from .scoring import Flag, ScoreResult, score, total_is_indicative
from .scoring_spec import SCORING_URL
from .validation import Problem, validate_answers

__all__ = [
    "SCORING_URL",
    "AnswerOption",
    "AnswerValue",
    "Answers",
    "AnswersInput",
    "Coding",
    "EnableWhen",
    "Expression",
    "Flag",
    "FormNotFoundError",
    "FormRegistry",
    "GroupAnswer",
    "Item",
    "ItemChange",
    "LocalizedText",
    "MigrationReport",
    "Offer",
    "OfferSuggestion",
    "ParsedResponse",
    "Problem",
    "Quantity",
    "Questionnaire",
    "QuestionnaireLoadError",
    "Resolved",
    "ResponseError",
    "ScoreResult",
    "build_response",
    "enabled_answers",
    "enabled_link_ids",
    "flatten_answers",
    "initial_answers",
    "is_enabled",
    "load_offers",
    "load_questionnaire",
    "migrate_draft",
    "normalize_answers",
    "parse_questionnaire",
    "read_response",
    "required_offer_ids",
    "resolve",
    "score",
    "suggest_offers",
    "total_is_indicative",
    "validate_answers",
    "visible_items",
]
