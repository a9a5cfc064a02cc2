"""The one error type the library raises for problems the user can fix."""


class QuotesError(Exception):
    """Bad input or a bad option, with a message that says what to do.

    The CLI prints the message as one line and exits with code 1; no traceback.
    """
