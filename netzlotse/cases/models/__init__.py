from .cases import AccessLog, Case, CaseEvent, Contact, Need, PlacementSite
from .participants import Participant, Qualification, ResidenceRecord

__all__ = ["AccessLog", "Case", "CaseEvent", "Contact", "Need", "Participant", "PlacementSite", "Qualification",
           "ResidenceRecord"]
