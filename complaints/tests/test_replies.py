from django.test import SimpleTestCase, override_settings

from complaints.replies import complaint_id_from_address, reply_address


@override_settings(INBOX_ADDRESS="Klachtwijs <klachten@partou.test>")
class ReplyAddressTests(SimpleTestCase):
    def test_it_plus_addresses_the_mailbox_with_an_unguessable_tag(self):
        address = reply_address(42)
        self.assertRegex(address, r"^klachten\+42-[0-9a-f]{20}@partou\.test$")
        self.assertEqual(complaint_id_from_address(address), 42)
        self.assertEqual(complaint_id_from_address(f"Mevrouw <{address.upper()}>"), 42)

    def test_a_changed_id_or_tag_is_not_accepted(self):
        tag = reply_address(42).split("-", 1)[1].split("@")[0]
        self.assertIsNone(complaint_id_from_address(f"klachten+43-{tag}@partou.test"))
        self.assertIsNone(complaint_id_from_address(f"klachten+42-{'0' * 20}@partou.test"))
        for address in ("klachten@partou.test", "klachten+42@partou.test", "", "onzin", "a+b-c@d"):
            self.assertIsNone(complaint_id_from_address(address), address)

    @override_settings(SECRET_KEY="een-andere-sleutel-" * 3)
    def test_the_tag_depends_on_the_secret_key(self):
        other = reply_address(42)
        with self.settings(SECRET_KEY="nog-een-andere-sleutel-" * 3):
            self.assertNotEqual(reply_address(42), other)
            self.assertIsNone(complaint_id_from_address(other))

    @override_settings(INBOX_ADDRESS="")
    def test_no_mailbox_no_reply_address(self):
        self.assertEqual(reply_address(42), "")
