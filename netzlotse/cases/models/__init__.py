from .cases import AccessLog, Case, CaseEvent, Contact, Need, RetentionRule
from .esf import Answer, EsfRecord
from .history import CaseChange
from .participants import Participant, Qualification, ResidenceRecord
from .placements import Placement
from .referrals import Consent, DataCategory, Purpose, Referral
from .sites import PlacementSite
from .steps import CaseStep

__all__ = ["AccessLog", "Answer", "Case", "CaseChange", "CaseEvent", "CaseStep", "Consent", "Contact", "DataCategory",
           "EsfRecord", "Need", "Participant", "Placement", "PlacementSite", "Purpose", "Qualification", "Referral",
           "ResidenceRecord", "RetentionRule"]
