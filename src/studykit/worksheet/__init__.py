"""The worksheet: the practice page's questions and exercises with room to write, then an answer key."""
