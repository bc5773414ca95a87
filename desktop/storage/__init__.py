"""Engine, sessions, migrations, backups and workspace files."""
