"""Qt widgets. They call services and read models; they never build SQL."""
