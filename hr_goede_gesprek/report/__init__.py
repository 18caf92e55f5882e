from . import hr_goede_gesprek_decision_report
