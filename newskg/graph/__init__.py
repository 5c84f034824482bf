"""newskg graph stage."""
