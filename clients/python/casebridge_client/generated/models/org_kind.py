from enum import StrEnum


class OrgKind(StrEnum):
    FEDERAL_AGENCY = "federal_agency"
    LOCAL_AGENCY = "local_agency"
    OPERATOR = "operator"
    OVERSIGHT = "oversight"
    PLATFORM = "platform"
    STATE_AGENCY = "state_agency"
    TASK_FORCE = "task_force"
    TRIBAL_AGENCY = "tribal_agency"
    WATCH_CENTER = "watch_center"

    def __str__(self) -> str:
        return str(self.value)
