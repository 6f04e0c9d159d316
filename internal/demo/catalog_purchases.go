package demo

import (
	"fmt"

	"portal/internal/catalog"
)

// demoPurchase is one order of the demo: offer slugs with a count and a
// frequency ("" for software and reservations).
type demoPurchase struct {
	domain string
	lines  []demoLine
}

type demoLine struct {
	slug      string
	quantity  int
	frequency string
}

func l(slug string, q int, f string) demoLine { return demoLine{slug, q, f} }

const (
	mo = catalog.Monthly
	yr = catalog.Annual
)

func contosoPurchases() []demoPurchase {
	return []demoPurchase{
		{"adatum.com", []demoLine{l("m365-e3", 120, yr), l("teams-audio-conferencing", 40, yr), l("teams-phone-system", 25, mo), l("power-bi-pro", 30, mo)}},
		{"adatum.com", []demoLine{l("windows-server-2022-standard", 4, ""), l("sql-server-2022-standard-3yr", 2, ""), l("azure-vm-d2s-v5-1yr", 5, "")}},
		{"adatum.com", []demoLine{l("contoso-backup-saas", 120, mo)}},
		{"alpineskihouse.com", []demoLine{l("m365-business-standard", 45, mo), l("defender-office-365-p1", 45, mo)}},
		{"alpineskihouse.com", []demoLine{l("m365-e3-trial", 25, mo)}},
		{"bellowscollege.edu", []demoLine{l("m365-a3-education", 800, yr), l("windows-7-esu", 40, "")}},
		{"bestforyouorganics.com", []demoLine{l("m365-business-basic", 18, mo), l("contoso-backup-saas", 18, mo)}},
		{"citypowerlight.gov", []demoLine{l("m365-g3-gcc", 400, yr), l("red-hat-enterprise-linux", 10, "")}},
		{"cohowinery.com", []demoLine{l("m365-business-premium", 12, mo), l("azure-plan", 1, mo)}},
		{"consolidatedmessenger.com", []demoLine{l("m365-e5", 60, yr), l("azure-sql-database-1yr", 2, ""), l("azure-cosmos-db-1yr", 4, "")}},
		{"contosopharma.com", []demoLine{l("m365-e3", 250, yr), l("m365-e5-security", 250, yr), l("intune-suite", 250, yr)}},
		{"contosopharma.com", []demoLine{l("sql-server-2022-standard-3yr", 4, ""), l("windows-server-2022-standard", 8, ""), l("suse-linux-enterprise-server", 6, ""), l("azure-vm-d2s-v5-3yr", 10, "")}},
		{"fourthcoffee.com", []demoLine{l("m365-business-basic", 9, mo), l("microsoft-defender-for-business", 9, mo)}},
		{"humongousinsurance.com", []demoLine{l("m365-e3", 900, yr), l("teams-phone-system", 300, yr)}},
		{"humongousinsurance.com", []demoLine{l("windows-7-esu", 120, ""), l("azure-vm-d2s-v5-1yr", 20, ""), l("azure-sql-database-3yr", 2, "")}},
		{"lamnahealthcare.com", []demoLine{l("m365-business-premium", 60, yr), l("wingtip-crm-saas", 20, mo), l("woodgrove-compliance-vault", 60, yr)}},
		{"litwareinc.com", []demoLine{l("o365-e3", 35, mo), l("proseware-project-hub", 10, mo), l("adatum-helpdesk-pro", 5, mo)}},
		{"lucernepublishing.com", []demoLine{l("m365-business-standard", 25, yr), l("litware-secure-mail", 25, mo)}},
		{"nodpublishers.com", []demoLine{l("m365-business-standard", 14, mo), l("wingtip-crm-saas", 5, yr)}},
		{"northwindtraders.com", []demoLine{l("m365-e3", 75, mo), l("power-bi-pro", 20, yr), l("dynamics-365-sales-enterprise", 10, yr)}},
		{"northwindtraders.com", []demoLine{l("windows-server-2022-datacenter", 2, ""), l("azure-sql-database-3yr", 1, "")}},
		{"worldwildlifefriends.org", []demoLine{l("m365-business-premium-nonprofit", 40, yr)}},
		{"fabriquelumiere.fr", []demoLine{l("m365-business-premium", 30, yr), l("litware-secure-mail", 30, mo)}},
		{"harbourbridge.com.au", []demoLine{l("m365-e3", 80, yr), l("azure-vm-d2s-v5-1yr", 4, "")}},
		{"cafepaulista.com.br", []demoLine{l("m365-business-basic", 15, mo), l("m365-business-premium-trial", 25, mo)}},
		{"librevilletelecom.ga", []demoLine{l("m365-business-standard", 40, mo), l("windows-server-2022-standard", 2, "")}},
		{"nordlicht-mb.de", []demoLine{l("m365-e3", 150, yr), l("red-hat-enterprise-linux", 12, ""), l("suse-linux-enterprise-server", 4, "")}},
		{"treyresearch.net", []demoLine{l("relecloud-hr-suite", 25, yr), l("m365-business-premium", 20, mo)}},
	}
}

func fabrikamPurchases() []demoPurchase {
	return []demoPurchase{
		{"blueyonderairlines.com", []demoLine{l("m365-e5", 200, yr), l("tailspin-field-service", 40, mo), l("azure-vm-d2s-v5-3yr", 6, "")}},
		{"lakeshoreschools.edu", []demoLine{l("m365-a3-education", 500, yr), l("windows-server-2022-standard", 2, "")}},
	}
}

// DemoOrderKey is the checkout key of the n-th demo order of a customer: a
// fixed key makes re-seeding return the same order instead of buying again.
func DemoOrderKey(domain string, n int) string { return ID(fmt.Sprintf("order:%s:%d", domain, n)) }
