"""Learning communities: the list, and one community's window with its tabs."""
