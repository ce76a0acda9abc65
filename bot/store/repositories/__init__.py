"""Repositories: every query Kindling runs lives in one of these classes."""

from bot.store.repositories.events import ProcessedEventRepository
from bot.store.repositories.members import MemberRepository
from bot.store.repositories.workspaces import WorkspaceRepository

__all__ = ["MemberRepository", "ProcessedEventRepository", "WorkspaceRepository"]
