"""The lessons the kit builds, one package each."""
