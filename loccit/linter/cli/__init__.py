"""The click commands (`loccit check`, `loccit rule`, `loccit sources`): options parsed, work handed to the
engine and the output formats, exit codes returned. Nothing else lives here.
"""
