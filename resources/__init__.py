"""csplanner's resources: icon, plan templates, fonts, desktop files.

Installed as the package `csplanner_resources` (pyproject maps it onto this folder) so wheels
and bundles carry it; read it only through `csplanner.core.resources`.
"""
