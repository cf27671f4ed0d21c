"""The model and the project store. No Qt here."""
