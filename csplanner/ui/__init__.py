"""The Qt user interface. Widgets read through core.read and change data through ui.operations; never SQL."""
