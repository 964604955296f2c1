"""The one error of backups and restores, which the commands turn into a one-line refusal."""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one line for the operator."""
