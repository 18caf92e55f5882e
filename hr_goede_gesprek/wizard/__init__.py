from . import hr_goede_gesprek_cancel
from . import hr_goede_gesprek_reschedule
from . import hr_goede_gesprek_sign
