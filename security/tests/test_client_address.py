from django.test import RequestFactory, SimpleTestCase, override_settings

from config.proxy import client_address


class ClientAddressTests(SimpleTestCase):
    def request(self, forwarded: str = ""):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", **extra)

    @override_settings(TRUSTED_PROXIES=0)
    def test_without_a_trusted_proxy_the_header_a_client_sets_is_ignored(self):
        self.assertEqual(client_address(self.request("203.0.113.9")), "10.0.0.5")

    @override_settings(TRUSTED_PROXIES=1)
    def test_behind_one_proxy_the_address_it_appended_counts_and_what_the_client_wrote_does_not(self):
        self.assertEqual(client_address(self.request("192.0.2.44")), "192.0.2.44")
        self.assertEqual(client_address(self.request("203.0.113.9, 192.0.2.44")), "192.0.2.44")

    @override_settings(TRUSTED_PROXIES=2)
    def test_behind_two_proxies_the_second_entry_from_the_right_counts(self):
        self.assertEqual(client_address(self.request("203.0.113.9, 192.0.2.44, 10.1.1.1")), "192.0.2.44")
        self.assertEqual(client_address(self.request("192.0.2.44")), "10.0.0.5")  # too few entries

    @override_settings(TRUSTED_PROXIES=1)
    def test_garbage_in_the_header_falls_back_to_the_peer(self):
        self.assertEqual(client_address(self.request("niet-een-adres")), "10.0.0.5")
