"""Static call-flow documents: TwiML, NCCO and Plivo XML, and translation between them."""
