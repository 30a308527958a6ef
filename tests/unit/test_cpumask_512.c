/* cpumask at 512 CPUs (see cpumask_cases.h). */
#include "cpumask_cases.h"
