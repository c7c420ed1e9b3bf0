"""The learner's progress in one place: what is due today, each exercise's state, save and load."""
