# The mixins first: res_company imports hr_goede_gesprek_dispute_route, and
# hr_goede_gesprek the agreement, which imports the decision; their models
# inherit them.
from . import hr_goede_gesprek_workflow_mixin
from . import hr_goede_gesprek_employee_mixin
from . import hr_goede_gesprek_decision_origin_mixin
from . import hr_goede_gesprek_legal_mixin
from . import res_company
from . import res_config_settings
from . import hr_goede_gesprek_state_mixin
from . import hr_goede_gesprek_calendar_mixin
from . import hr_goede_gesprek_catalogue_mixin
from . import hr_goede_gesprek_topic_group
from . import hr_goede_gesprek_topic
from . import hr_goede_gesprek
from . import hr_goede_gesprek_agenda_line
from . import hr_employee
from . import hr_employee_public
from . import hr_goede_gesprek_reward_budget
from . import hr_goede_gesprek_reward
from . import hr_goede_gesprek_legal_topic
from . import hr_goede_gesprek_holiday
from . import hr_goede_gesprek_dispute_route
from . import hr_goede_gesprek_appraisal_scale
from . import hr_goede_gesprek_appraisal_scale_level
from . import hr_goede_gesprek_decision
from . import hr_goede_gesprek_agreement
from . import hr_goede_gesprek_appraisal
from . import hr_goede_gesprek_objection
from . import hr_goede_gesprek_hours_request
from . import ir_actions_report
from . import hr_goede_gesprek_feedback_part_mixin
from . import hr_goede_gesprek_feedback_request
from . import hr_goede_gesprek_feedback_question
from . import hr_goede_gesprek_feedback_respondent
from . import hr_goede_gesprek_feedback_answer
from . import hr_goede_gesprek_trigger
from . import hr_goede_gesprek_trigger_prompt
