"""The one error type the domain raises for bad user input."""


class InputError(ValueError):
    """User input that cannot be understood; its message is one clear line."""
