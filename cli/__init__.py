"""newsdump's command line: thin typer commands over :mod:`core`."""
