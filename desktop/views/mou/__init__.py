"""The MOU section: agreements with authorities, the MOU wizard, versions and stages."""
