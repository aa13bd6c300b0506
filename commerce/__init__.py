"""The commerce domain: forked Oscar apps and the marketplace's own apps."""
