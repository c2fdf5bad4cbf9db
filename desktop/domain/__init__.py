"""Pure domain code: plain data in, plain data out. No Qt, no database."""
