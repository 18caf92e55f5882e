from . import hr_goede_gesprek_cancel
from . import hr_goede_gesprek_reschedule
from . import hr_goede_gesprek_sign
from . import hr_goede_gesprek_reward_export
from . import hr_goede_gesprek_reward_override
from . import hr_goede_gesprek_feedback_wizard
from . import hr_goede_gesprek_feedback_wizard_line
from . import hr_goede_gesprek_experience_wizard
