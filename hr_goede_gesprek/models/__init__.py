from . import res_company
from . import res_config_settings
from . import hr_goede_gesprek_topic
from . import hr_goede_gesprek
from . import hr_goede_gesprek_agenda_line
from . import hr_goede_gesprek_agreement
