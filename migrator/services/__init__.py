"""The one seam GUI and CLI share: open/save a migration, discover, assess, plan, apply, export."""
