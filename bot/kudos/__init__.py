"""Kudos: `/kudos`, the modal and shortcut, shout-outs and thank-yous."""
