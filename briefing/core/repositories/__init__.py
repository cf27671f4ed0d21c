"""The store's repositories: one per kind of record, all on one shared ``Database``.

Each holds the SQL for its tables, written portably (see ``briefing.core.backend``), and returns
the model's dataclasses. ``briefing.core.store.Project`` composes them into the public facade.
"""
