"""newskg output stage."""
