"""Questionnaires: the form widget (nurse and parent mode), the Forms tab, follow-up offers."""
