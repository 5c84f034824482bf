"""newskg extract stage."""
