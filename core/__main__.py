"""``python -m newsdump``: the same command as the ``newsdump`` script."""

from newsdump.cli.main import main

main()
