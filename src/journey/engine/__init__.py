"""Pure game rules: scenario format, loader, expressions, state machine and analysis.

Standard library, PyYAML and pydantic only; nothing here imports a user interface.
"""
