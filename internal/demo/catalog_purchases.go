package demo

import (
	"fmt"

	"portal/internal/catalog"
)

// demoPurchase is one order of the demo, placed daysAgo days before the
// seed's time (DEMO-1): offer slugs with a count and a frequency ("" for
// software and reservations). An add-on takes its base's frequency (SUB-3).
type demoPurchase struct {
	domain  string
	daysAgo int
	lines   []demoLine
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
		{"adatum.com", 340, []demoLine{l("m365-e3", 120, yr), l("teams-audio-conferencing", 40, yr), l("teams-phone-system", 25, yr), l("power-bi-pro", 30, mo)}},
		{"adatum.com", 300, []demoLine{l("windows-server-2022-standard", 4, ""), l("sql-server-2022-standard-3yr", 2, ""), l("azure-vm-d2s-v5-1yr", 5, "")}},
		{"adatum.com", 250, []demoLine{l("contoso-backup-saas", 120, mo)}},
		{"alpineskihouse.com", 330, []demoLine{l("m365-business-standard", 45, mo), l("defender-office-365-p1", 45, mo)}},
		{"alpineskihouse.com", 25, []demoLine{l("m365-e3-trial", 25, mo)}},
		{"bellowscollege.edu", 200, []demoLine{l("m365-a3-education", 800, mo), l("windows-7-esu", 40, "")}},
		{"bestforyouorganics.com", 280, []demoLine{l("m365-business-basic", 18, mo), l("contoso-backup-saas", 18, mo)}},
		{"citypowerlight.gov", 150, []demoLine{l("m365-g3-gcc", 400, mo), l("red-hat-enterprise-linux", 10, "")}},
		{"cohowinery.com", 80, []demoLine{l("m365-business-premium", 12, mo), l("azure-plan", 1, mo)}},
		{"consolidatedmessenger.com", 120, []demoLine{l("m365-e5", 60, yr), l("azure-sql-database-1yr", 2, ""), l("azure-cosmos-db-1yr", 4, "")}},
		{"contosopharma.com", 355, []demoLine{l("m365-e3", 250, mo), l("m365-e5-security", 250, mo), l("intune-suite", 250, mo)}},
		{"contosopharma.com", 270, []demoLine{l("sql-server-2022-standard-3yr", 4, ""), l("windows-server-2022-standard", 8, ""), l("suse-linux-enterprise-server", 6, ""), l("azure-vm-d2s-v5-3yr", 10, "")}},
		{"fourthcoffee.com", 44, []demoLine{l("m365-business-basic", 9, mo), l("microsoft-defender-for-business", 9, mo)}},
		{"humongousinsurance.com", 350, []demoLine{l("m365-e3", 900, mo), l("teams-phone-system", 300, mo)}},
		{"humongousinsurance.com", 230, []demoLine{l("windows-7-esu", 120, ""), l("azure-vm-d2s-v5-1yr", 20, ""), l("azure-sql-database-3yr", 2, "")}},
		{"lamnahealthcare.com", 190, []demoLine{l("m365-business-premium", 60, yr), l("wingtip-crm-saas", 20, mo), l("woodgrove-compliance-vault", 60, yr)}},
		{"litwareinc.com", 160, []demoLine{l("o365-e3", 35, mo), l("proseware-project-hub", 10, mo), l("adatum-helpdesk-pro", 5, mo)}},
		{"lucernepublishing.com", 100, []demoLine{l("m365-business-standard", 25, yr), l("litware-secure-mail", 25, mo)}},
		{"nodpublishers.com", 60, []demoLine{l("m365-business-standard", 14, mo), l("wingtip-crm-saas", 5, yr)}},
		{"northwindtraders.com", 320, []demoLine{l("m365-e3", 75, mo), l("power-bi-pro", 20, yr), l("dynamics-365-sales-enterprise", 10, yr)}},
		{"northwindtraders.com", 210, []demoLine{l("windows-server-2022-datacenter", 2, ""), l("azure-sql-database-3yr", 1, "")}},
		{"worldwildlifefriends.org", 140, []demoLine{l("m365-business-premium-nonprofit", 40, yr)}},
		{"fabriquelumiere.fr", 170, []demoLine{l("m365-business-premium", 30, yr), l("litware-secure-mail", 30, mo)}},
		{"harbourbridge.com.au", 110, []demoLine{l("m365-e3", 80, yr), l("azure-vm-d2s-v5-1yr", 4, "")}},
		{"cafepaulista.com.br", 20, []demoLine{l("m365-business-basic", 15, mo), l("m365-business-premium-trial", 25, mo)}},
		{"librevilletelecom.ga", 130, []demoLine{l("m365-business-standard", 40, mo), l("windows-server-2022-standard", 2, "")}},
		{"nordlicht-mb.de", 90, []demoLine{l("m365-e3", 150, yr), l("red-hat-enterprise-linux", 12, ""), l("suse-linux-enterprise-server", 4, "")}},
		// Bought and then cancelled or converted (see contosoChanges).
		{"nodpublishers.com", 250, []demoLine{l("power-bi-pro", 5, mo)}},
		{"wideworldimporters.com", 185, []demoLine{l("m365-business-premium", 10, yr)}},
		{"cohowinery.com", 75, []demoLine{l("m365-e3-trial", 25, mo)}},
		{"treyresearch.net", 15, []demoLine{l("relecloud-hr-suite", 25, yr), l("m365-business-premium", 20, mo)}},
	}
}

func fabrikamPurchases() []demoPurchase {
	return []demoPurchase{
		{"blueyonderairlines.com", 300, []demoLine{l("m365-e5", 200, yr), l("tailspin-field-service", 40, mo), l("azure-vm-d2s-v5-3yr", 6, "")}},
		{"blueyonderairlines.com", 0, []demoLine{l("power-bi-pro", 15, mo)}},
		{"lakeshoreschools.edu", 200, []demoLine{l("m365-a3-education", 500, yr), l("windows-server-2022-standard", 2, "")}},
	}
}

// DemoOrderKey is the checkout key of the n-th demo order of a customer: a
// fixed key makes re-seeding return the same order instead of buying again.
func DemoOrderKey(domain string, n int) string { return ID(fmt.Sprintf("order:%s:%d", domain, n)) }
