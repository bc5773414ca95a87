"""The town selection section: the list of processes, the wizard and its chart."""
