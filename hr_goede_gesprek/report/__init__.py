from . import hr_goede_gesprek_decision_report
from . import hr_goede_gesprek_report_mixin
from . import hr_goede_gesprek_report_coverage
from . import hr_goede_gesprek_report_conversation
from . import hr_goede_gesprek_report_agreement
from . import hr_goede_gesprek_report_experience
from . import hr_goede_gesprek_report_theme
from . import hr_goede_gesprek_access_request_report
