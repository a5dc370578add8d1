"""The timeline: view, plotted data, graphics items, labels, axes, navigation, overview."""
