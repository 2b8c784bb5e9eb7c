"""What journey gives web browsers: the class server's page and the guards any server of ours
puts before a class (origin, caps on tabs and terminal sizes)."""
