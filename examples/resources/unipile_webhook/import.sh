# Import a webhook by the id Unipile gave it.
terraform import unipile_webhook.example zYnh13HWV76_G3KyE-cAyg

# Name the source too when Unipile's answer cannot reveal it: webhooks with
# no events and no payload fields, which means account_status ones, mostly.
terraform import unipile_webhook.account_alerts account_status/hX3Tb0mQSa2k9LwVn4RcPg
