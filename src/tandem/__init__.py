"""Tandem: cooperation between Belgian municipalities and their OCMW/CPAS."""
