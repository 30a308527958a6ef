/*
 * Balancing policy "placement only": a new or woken task goes to the
 * least-loaded allowed CPU (core.c's activate()) and stays there. No
 * periodic work, no stealing.
 */
#include "internal.h"

BALANCE_POLICY(placement, "placement", NULL, NULL, NULL);
