"""One module per `newsarchive` subcommand (see newsarchive.cli.COMMANDS)."""
