"""Pure rules of the after-interview playbook: plain data in, plain data out."""
