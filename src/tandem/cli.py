"""The `tandem` command: a thin front on the management commands (`tandem matrix ...`)."""

import os
import sys

VERBS = {
    "load-reference": "load_reference",
    "load-catalogue": "load_catalogue",
    "load-demo": "load_demo",
    "matrix": "matrix",
    "governance": "governance",
    "import-governance": "import_governance",
    "check-integrity": "check_integrity",
    "backup": "backup",
    "restore": "restore",
    # The background jobs' worker (mail): django-tasks-db's, run beside the app servers.
    "worker": "db_worker",
    "remind": "remind",
    "report": "report",
    "factors": "factors",
    "migrate": "migrate",
    "createsuperuser": "createsuperuser",
    "runserver": "runserver",
    "check": "check",
    "collectstatic": "collectstatic",
}

USAGE = "usage: tandem {" + ",".join(VERBS) + "} [options]   (tandem VERB --help for details)"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0 if argv else 2
    verb = argv[0]
    if verb not in VERBS:
        print(
            f"tandem: unknown command '{verb}'; choose one of: {' '.join(VERBS)}", file=sys.stderr
        )
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["tandem", VERBS[verb], *argv[1:]])
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DatabaseError as error:
        # Typically a database that was never migrated: say what to do, not a traceback.
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(
            f"tandem: database error: {first_line}; is the database set up? "
            "Run 'tandem migrate' and 'tandem load-reference' (or 'make demo').",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
