package demo

import (
	"context"

	"gorm.io/gorm/clause"

	"portal/internal/catalog"
	"portal/internal/orders"
	"portal/internal/platform/money"
)

// usd writes whole dollars and cents as cents: usd(12, 50) is $12.50.
func usd(dollars, cents int64) money.Cents { return money.Cents(dollars*100 + cents) }

// offer fills the defaults of a Microsoft license-based online offer.
func offer(slug string, o catalog.Offer) catalog.Offer {
	o.ID = ID("offer:" + slug)
	if o.Tab == "" {
		o.Tab = catalog.TabOnline
	}
	if o.Publisher == "" {
		o.Publisher, o.PublisherName = catalog.PublisherMicrosoft, "Microsoft"
	}
	if o.BillingType == "" {
		o.BillingType = catalog.BillingLicense
	}
	if o.Category == "" {
		o.Category = catalog.CategoryEnterprise
	}
	if o.Frequencies == "" && !o.Upfront() {
		switch {
		case o.MonthlyPrice > 0 && o.AnnualPrice > 0:
			o.Frequencies = catalog.Monthly + "," + catalog.Annual
		case o.AnnualPrice > 0:
			o.Frequencies = catalog.Annual
		default:
			o.Frequencies = catalog.Monthly
		}
	}
	if o.MinQuantity == 0 {
		o.MinQuantity = 1
	}
	if o.MaxQuantity == 0 {
		o.MaxQuantity = 300
	}
	return o
}

const (
	commercial = "commercial,nonprofit"
	smallBiz   = catalog.CategorySmallBiz
)

// demoOffers is the demo catalog (RUN-1): Microsoft and partner offers for
// every case of CAT-3, software and Azure reservations. Slugs named in the
// cross-feature agreements keep their exact spelling.
func demoOffers() []catalog.Offer {
	base := func(slug string) string { return ID("offer:" + slug) }
	sw := func(slug, name, desc, kind, product string, price money.Cents, months int, versions, langs, files string) catalog.Offer {
		return offer(slug, catalog.Offer{Tab: catalog.TabSoftware, Name: name, Description: desc, TermPrice: price,
			SoftwareKind: kind, Product: product, TermMonths: months, Versions: versions, Languages: langs,
			FileTypes: files, MaxQuantity: 1000})
	}
	ri := func(slug, name, desc, kind, region string, price money.Cents, months int) catalog.Offer {
		return offer(slug, catalog.Offer{Tab: catalog.TabReservation, Name: name, Description: desc, TermPrice: price,
			TermMonths: months, ReservationType: kind, Region: region, MaxQuantity: 100})
	}
	trial := func(slug, name, desc, paid string, licenses int) catalog.Offer {
		return offer(slug, catalog.Offer{Tab: catalog.TabTrial, Name: name, Description: desc, Category: catalog.CategoryTrial,
			Frequencies: catalog.Monthly, TrialDays: orders.MicrosoftTrialDays, TrialLicenses: licenses, PaidOfferID: base(paid),
			OnePerCustomer: true, MinQuantity: licenses, MaxQuantity: licenses})
	}
	isv := func(slug string, o catalog.Offer) catalog.Offer {
		o.Publisher = catalog.PublisherPartner
		return offer(slug, o)
	}
	winLangs := "English,French,German,Japanese,Spanish,Portuguese (Brazil)"
	return []catalog.Offer{
		// Microsoft 365 and Office 365, business (small business) and enterprise.
		offer("m365-business-basic", catalog.Offer{Name: "Microsoft 365 Business Basic", Category: smallBiz, Segments: commercial,
			Description: "Web and mobile Office apps, Teams, 1 TB of OneDrive storage and business email.", MonthlyPrice: usd(7, 20), AnnualPrice: usd(72, 0)}),
		offer("m365-business-standard", catalog.Offer{Name: "Microsoft 365 Business Standard", Category: smallBiz, Segments: commercial,
			Description: "Desktop Office apps, Teams, business email, webinars and collaboration tools.", MonthlyPrice: usd(15, 0), AnnualPrice: usd(150, 0)}),
		offer("m365-business-premium", catalog.Offer{Name: "Microsoft 365 Business Premium", Category: smallBiz, Segments: commercial,
			Description: "Business Standard plus advanced security, Intune device management and Defender for Business.", MonthlyPrice: usd(26, 40), AnnualPrice: usd(264, 0)}),
		offer("m365-apps-for-business", catalog.Offer{Name: "Microsoft 365 Apps for business", Category: smallBiz, Segments: commercial,
			Description: "Desktop versions of Word, Excel, PowerPoint and Outlook with 1 TB of OneDrive storage.", MonthlyPrice: usd(9, 90), AnnualPrice: usd(99, 0)}),
		offer("m365-e3", catalog.Offer{Name: "Microsoft 365 E3", Segments: commercial, MaxQuantity: 10000,
			Description: "Office apps, Windows Enterprise, Intune and enterprise-grade security and compliance.", MonthlyPrice: usd(43, 20), AnnualPrice: usd(432, 0)}),
		offer("m365-e5", catalog.Offer{Name: "Microsoft 365 E5", Segments: commercial, MaxQuantity: 10000,
			Description: "Everything in E3 plus advanced security, Teams Phone, audio conferencing and Power BI Pro.", MonthlyPrice: usd(68, 40), AnnualPrice: usd(684, 0)}),
		offer("m365-f3", catalog.Offer{Name: "Microsoft 365 F3", Segments: commercial, MaxQuantity: 10000,
			Description: "For frontline workers: web and mobile Office apps, Teams and Windows Enterprise.", MonthlyPrice: usd(9, 60), AnnualPrice: usd(96, 0)}),
		offer("o365-e1", catalog.Offer{Name: "Office 365 E1", Segments: commercial, MaxQuantity: 10000,
			Description: "Web versions of Office apps with email, file storage and Teams.", MonthlyPrice: usd(12, 0), AnnualPrice: usd(120, 0)}),
		offer("o365-e3", catalog.Offer{Name: "Office 365 E3", Segments: commercial, MaxQuantity: 10000,
			Description: "Desktop Office apps with email, file storage, Teams and compliance tools.", MonthlyPrice: usd(27, 60), AnnualPrice: usd(276, 0)}),
		offer("o365-e5", catalog.Offer{Name: "Office 365 E5", Segments: commercial, MaxQuantity: 10000,
			Description: "Office 365 E3 plus Teams Phone, audio conferencing and advanced compliance.", MonthlyPrice: usd(45, 60), AnnualPrice: usd(456, 0)}),
		offer("exchange-online-plan-1", catalog.Offer{Name: "Exchange Online (Plan 1)", Category: smallBiz, Segments: commercial,
			Description: "Business email with a 50 GB mailbox, calendar and contacts.", MonthlyPrice: usd(4, 80), AnnualPrice: usd(48, 0)}),
		offer("exchange-online-plan-2", catalog.Offer{Name: "Exchange Online (Plan 2)", Segments: commercial,
			Description: "Business email with a 100 GB mailbox, unlimited archiving and data loss prevention.", MonthlyPrice: usd(9, 60), AnnualPrice: usd(96, 0)}),
		offer("teams-essentials", catalog.Offer{Name: "Microsoft Teams Essentials", Category: smallBiz, Segments: commercial,
			Description: "Meetings, chat and file sharing for small businesses.", MonthlyPrice: usd(4, 80), AnnualPrice: usd(48, 0)}),
		offer("visio-plan-2", catalog.Offer{Name: "Visio Plan 2", Segments: commercial,
			Description: "Diagramming with the Visio desktop app and web app.", MonthlyPrice: usd(18, 0), AnnualPrice: usd(180, 0)}),
		offer("project-plan-3", catalog.Offer{Name: "Project Plan 3", Segments: commercial,
			Description: "Project management with the Project desktop client, resource management and roadmaps.", MonthlyPrice: usd(36, 0), AnnualPrice: usd(360, 0)}),
		offer("power-bi-pro", catalog.Offer{Name: "Power BI Pro", Segments: commercial, MaxQuantity: 5000,
			Description: "Self-service analytics: publish, share and collaborate on reports.", MonthlyPrice: usd(16, 80), AnnualPrice: usd(168, 0)}),
		offer("dynamics-365-sales-enterprise", catalog.Offer{Name: "Dynamics 365 Sales Enterprise", Segments: commercial, MaxQuantity: 1000,
			Description: "Sales force automation with pipeline management, forecasting and Copilot.", MonthlyPrice: usd(114, 0), AnnualPrice: usd(1140, 0)}),
		offer("microsoft-defender-for-business", catalog.Offer{Name: "Microsoft Defender for Business", Category: smallBiz, Segments: commercial,
			OnePerCustomer: true, Description: "Endpoint security for businesses of up to 300 employees. Limited to one subscription per customer.",
			MonthlyPrice: usd(3, 60), AnnualPrice: usd(36, 0)}),
		offer("intune-suite", catalog.Offer{Name: "Microsoft Intune Suite", Segments: commercial, OnePerCustomer: true, MaxQuantity: 10000,
			Description: "Advanced endpoint management and remote help. Limited to one subscription per customer.", MonthlyPrice: usd(12, 0), AnnualPrice: usd(120, 0)}),
		offer("azure-plan", catalog.Offer{Name: "Azure plan", BillingType: catalog.BillingUsage, OnePerCustomer: true, MinQuantity: 1, MaxQuantity: 1,
			Frequencies: catalog.Monthly, Description: "Pay-as-you-go Azure services, billed monthly for what was used. One per customer."}),

		// Add-ons (SUB-3).
		offer("teams-audio-conferencing", catalog.Offer{Name: "Microsoft Teams Audio Conferencing", Segments: commercial, BaseOfferID: base("m365-e3"), MaxQuantity: 10000,
			Description: "Add-on for Microsoft 365 E3: dial-in numbers for Teams meetings.", MonthlyPrice: usd(4, 80), AnnualPrice: usd(48, 0)}),
		offer("teams-phone-system", catalog.Offer{Name: "Microsoft Teams Phone Standard", Segments: commercial, BaseOfferID: base("m365-e3"), MaxQuantity: 10000,
			Description: "Add-on for Microsoft 365 E3: a cloud phone system in Teams.", MonthlyPrice: usd(9, 60), AnnualPrice: usd(96, 0)}),
		offer("defender-office-365-p1", catalog.Offer{Name: "Microsoft Defender for Office 365 (Plan 1)", Category: smallBiz, Segments: commercial,
			BaseOfferID: base("m365-business-standard"), Description: "Add-on for Microsoft 365 Business Standard: protection against phishing and malicious links.",
			MonthlyPrice: usd(2, 40), AnnualPrice: usd(24, 0)}),
		offer("exchange-online-archiving", catalog.Offer{Name: "Exchange Online Archiving", Category: smallBiz, Segments: commercial,
			BaseOfferID: base("exchange-online-plan-1"), Description: "Add-on for Exchange Online (Plan 1): unlimited archiving and legal hold.",
			MonthlyPrice: usd(3, 60), AnnualPrice: usd(36, 0)}),
		offer("m365-e5-security", catalog.Offer{Name: "Microsoft 365 E5 Security", Segments: commercial, BaseOfferID: base("m365-e3"), MaxQuantity: 10000,
			Description: "Add-on for Microsoft 365 E3: Defender for Endpoint P2, Defender for Identity and Entra ID P2.", MonthlyPrice: usd(14, 40), AnnualPrice: usd(144, 0)}),

		// Education, government and nonprofit plans (CAT-3: segments).
		offer("m365-a3-education", catalog.Offer{Name: "Microsoft 365 A3 for faculty", Segments: "education", MaxQuantity: 20000,
			Description: "Office apps, Teams and device management for schools and universities.", MonthlyPrice: usd(3, 90), AnnualPrice: usd(39, 0)}),
		offer("m365-a5-education", catalog.Offer{Name: "Microsoft 365 A5 for faculty", Segments: "education", MaxQuantity: 20000,
			Description: "A3 plus advanced security, analytics and Teams Phone for education.", MonthlyPrice: usd(7, 20), AnnualPrice: usd(72, 0)}),
		offer("o365-a3-education", catalog.Offer{Name: "Office 365 A3 for students", Segments: "education", MaxQuantity: 50000,
			Description: "Desktop Office apps and Teams for students.", MonthlyPrice: usd(3, 0), AnnualPrice: usd(30, 0)}),
		offer("m365-g3-gcc", catalog.Offer{Name: "Microsoft 365 G3 (GCC)", Segments: "government", MaxQuantity: 20000,
			Description: "Microsoft 365 for government agencies, in the Government Community Cloud.", MonthlyPrice: usd(39, 0), AnnualPrice: usd(390, 0)}),
		offer("m365-g5-gcc", catalog.Offer{Name: "Microsoft 365 G5 (GCC)", Segments: "government", MaxQuantity: 20000,
			Description: "G3 plus advanced security, compliance and analytics for government.", MonthlyPrice: usd(64, 80), AnnualPrice: usd(648, 0)}),
		offer("o365-g1-gcc", catalog.Offer{Name: "Office 365 G1 (GCC)", Segments: "government", MaxQuantity: 20000,
			Description: "Web Office apps, email and Teams for government agencies.", MonthlyPrice: usd(9, 60), AnnualPrice: usd(96, 0)}),
		offer("m365-business-premium-nonprofit", catalog.Offer{Name: "Microsoft 365 Business Premium (Nonprofit Staff Pricing)", Category: smallBiz, Segments: "nonprofit",
			Description: "Business Premium at a discount for eligible nonprofit organizations.", MonthlyPrice: usd(6, 60), AnnualPrice: usd(66, 0)}),
		offer("m365-e3-nonprofit", catalog.Offer{Name: "Microsoft 365 E3 (Nonprofit Staff Pricing)", Segments: "nonprofit", MaxQuantity: 5000,
			Description: "Microsoft 365 E3 at a discount for eligible nonprofit organizations.", MonthlyPrice: usd(10, 80), AnnualPrice: usd(108, 0)}),
		offer("m365-business-standard-nonprofit", catalog.Offer{Name: "Microsoft 365 Business Standard (Nonprofit Staff Pricing)", Category: smallBiz, Segments: "nonprofit",
			Description: "Business Standard at a discount for eligible nonprofit organizations.", MonthlyPrice: usd(3, 60), AnnualPrice: usd(36, 0)}),

		// Microsoft trials (CAT-12): Trials tab, fixed license count.
		trial("m365-e3-trial", "Microsoft 365 E3 Trial", "A 30-day trial of Microsoft 365 E3 with 25 licenses.", "m365-e3", 25),
		trial("m365-e5-trial", "Microsoft 365 E5 Trial", "A 30-day trial of Microsoft 365 E5 with 25 licenses.", "m365-e5", 25),
		trial("m365-business-premium-trial", "Microsoft 365 Business Premium Trial", "A 30-day trial of Business Premium with 25 licenses.", "m365-business-premium", 25),
		trial("power-bi-pro-trial", "Power BI Pro Trial", "A 30-day trial of Power BI Pro with 100 licenses.", "power-bi-pro", 100),
		trial("dynamics-365-sales-trial", "Dynamics 365 Sales Enterprise Trial", "A 30-day trial of Dynamics 365 Sales with 25 licenses.", "dynamics-365-sales-enterprise", 25),

		// Partner (ISV) SaaS offers, license-based (CAT-4, CAT-9, CAT-10).
		isv("contoso-backup-saas", catalog.Offer{Name: "Contoso Backup for Microsoft 365", PublisherName: "Contoso Data Protection", Category: smallBiz,
			Description:  "Automatic daily backup of Exchange, OneDrive, SharePoint and Teams. Starts with a 30-day free trial.",
			MonthlyPrice: usd(3, 50), AnnualPrice: usd(40, 0), TrialDays: 30, SetupURL: "https://setup.contosobackup.example/activate", MaxQuantity: 5000}),
		isv("litware-secure-mail", catalog.Offer{Name: "Litware Secure Mail Gateway", PublisherName: "Litware Inc.",
			Description:  "Email encryption and archiving for European data-residency requirements. Starts with a 30-day free trial.",
			MonthlyPrice: usd(4, 0), AnnualPrice: usd(44, 0), TrialDays: 30, SetupURL: "https://portal.litware.example/onboard",
			Countries: "FR,DE,ES,IT,NL,IE,BE,AT,PT,LU,CH,NO", MaxQuantity: 2000}),
		isv("wingtip-crm-saas", catalog.Offer{Name: "Wingtip CRM Cloud", PublisherName: "Wingtip Software", Category: smallBiz,
			Description:  "A simple CRM for small sales teams, with Outlook and Teams integration.",
			MonthlyPrice: usd(19, 0), AnnualPrice: usd(199, 0), SetupURL: "https://app.wingtipcrm.example/setup", Countries: "US,CA,GB,AU,NZ,IE"}),
		isv("proseware-project-hub", catalog.Offer{Name: "Proseware Project Hub", PublisherName: "Proseware, Inc.",
			Description:  "Portfolio and project tracking built on Microsoft Teams.",
			MonthlyPrice: usd(8, 0), AnnualPrice: usd(86, 0), SetupURL: "https://hub.proseware.example/first-run", MaxQuantity: 1000}),
		isv("fabrikam-signature-manager", catalog.Offer{Name: "Fabrikam Email Signature Manager", PublisherName: "Fabrikam Labs", Category: smallBiz,
			Description:  "Central management of Outlook email signatures and disclaimers.",
			MonthlyPrice: usd(1, 50), SetupURL: "https://signatures.fabrikamlabs.example/start", Countries: "US,CA"}),
		isv("relecloud-hr-suite", catalog.Offer{Name: "Relecloud HR Suite", PublisherName: "Relecloud", Category: catalog.CategoryTrial,
			Description: "Onboarding, time off and reviews for growing teams. Starts with a 30-day free trial; billed annually.",
			AnnualPrice: usd(96, 0), TrialDays: 30, SetupURL: "https://hr.relecloud.example/welcome", MaxQuantity: 2000}),
		isv("adatum-helpdesk-pro", catalog.Offer{Name: "Adatum Helpdesk Pro (Contoso exclusive)", PublisherName: "Adatum Software",
			Description:  "IT service desk for Microsoft 365 tenants. Offered exclusively through Contoso Cloud Partners.",
			MonthlyPrice: usd(12, 0), AnnualPrice: usd(132, 0), SetupURL: "https://helpdesk.adatum.example/activate", ExclusivePartnerID: ContosoID}),
		isv("tailspin-field-service", catalog.Offer{Name: "Tailspin Field Service (Fabrikam exclusive)", PublisherName: "Tailspin Software",
			Description:  "Scheduling and dispatch for field technicians. Offered exclusively through Fabrikam Reseller.",
			MonthlyPrice: usd(22, 0), AnnualPrice: usd(240, 0), SetupURL: "https://fieldservice.tailspin.example/setup", ExclusivePartnerID: FabrikamID}),
		isv("northwind-analytics", catalog.Offer{Name: "Northwind Retail Analytics", PublisherName: "Northwind Data",
			Description:  "Retail dashboards for Power BI. Its publisher has not made it available through the partner program.",
			MonthlyPrice: usd(25, 0), AnnualPrice: usd(270, 0), NotInProgram: true}),
		isv("woodgrove-compliance-vault", catalog.Offer{Name: "Woodgrove Compliance Vault", PublisherName: "Woodgrove Technologies",
			Description:  "Records retention for regulated industries, hosted in the United States.",
			MonthlyPrice: usd(6, 0), AnnualPrice: usd(66, 0), SetupURL: "https://vault.woodgrove.example/setup", Countries: "US"}),
		// Usage-based partner offers: bought in the cloud management portal (CAT-3, CAT-4).
		isv("litware-container-firewall", catalog.Offer{Name: "Litware Container Firewall", PublisherName: "Litware Inc.", BillingType: catalog.BillingUsage,
			Frequencies: catalog.Monthly, Description: "A web application firewall for Kubernetes, billed per container hour."}),
		isv("trey-ai-inference-vm", catalog.Offer{Name: "Trey AI Inference Server (VM)", PublisherName: "Trey Research", BillingType: catalog.BillingUsage,
			Frequencies: catalog.Monthly, Description: "A preconfigured GPU virtual machine image for model inference, billed per hour."}),
		isv("woodgrove-sftp-gateway-vm", catalog.Offer{Name: "Woodgrove SFTP Gateway (VM)", PublisherName: "Woodgrove Technologies", BillingType: catalog.BillingUsage,
			Frequencies: catalog.Monthly, Category: smallBiz, Description: "An SFTP server virtual machine that stores files in Azure Blob Storage, billed per hour."}),

		// Software (SW).
		sw("windows-server-2022-standard", "Windows Server 2022 Standard - 16 core license", "Perpetual license for 16 cores, with downgrade rights to 2019.",
			catalog.SoftwarePerpetual, "windows_server", usd(1069, 0), 0, "2022,2019", winLangs, "ISO,VHDX"),
		sw("windows-server-2022-datacenter", "Windows Server 2022 Datacenter - 16 core license", "Perpetual license for 16 cores with unlimited virtualization.",
			catalog.SoftwarePerpetual, "windows_server", usd(6155, 0), 0, "2022,2019", winLangs, "ISO,VHDX"),
		sw("windows-server-2022-standard-3yr", "Windows Server 2022 Standard - 16 core, 3 year subscription", "Three-year software subscription for 16 cores.",
			catalog.SoftwareSubscription, "windows_server", usd(1176, 0), 36, "2022,2019", winLangs, "ISO,VHDX"),
		sw("windows-server-2022-rds-cal", "Windows Server 2022 Remote Desktop Services - User CAL", "Perpetual client access license for one user.",
			catalog.SoftwarePerpetual, "windows_server", usd(173, 0), 0, "2022", winLangs, "License key"),
		sw("sql-server-2022-standard", "SQL Server 2022 Standard - 2 core license", "Perpetual license for 2 cores.",
			catalog.SoftwarePerpetual, "sql_server", usd(3945, 0), 0, "2022,2019", winLangs, "ISO,CAB"),
		sw("sql-server-2022-enterprise", "SQL Server 2022 Enterprise - 2 core license", "Perpetual license for 2 cores with every enterprise feature.",
			catalog.SoftwarePerpetual, "sql_server", usd(15123, 0), 0, "2022,2019", winLangs, "ISO,CAB"),
		sw("sql-server-2022-standard-3yr", "SQL Server 2022 Standard - 2 core, 3 year subscription", "Three-year software subscription for 2 cores.",
			catalog.SoftwareSubscription, "sql_server", usd(4338, 0), 36, "2022,2019", winLangs, "ISO,CAB"),
		sw("windows-7-esu", "Windows 7 Extended Security Updates", "Extended security updates for one Windows 7 device for one year.",
			catalog.SoftwareSubscription, catalog.ProductWindows7ESU, usd(200, 0), 12, "Year 1,Year 2,Year 3", "Multilingual", "MAK key"),
		sw("suse-linux-enterprise-server", "SUSE Linux Enterprise Server, Priority support, 1-2 sockets", "Three-year subscription with priority support.",
			catalog.SoftwareSubscription, catalog.ProductSUSE, usd(2160, 0), 36, "15 SP6,15 SP5", "English,German,French,Japanese", "x86_64 ISO,aarch64 ISO"),
		sw("red-hat-enterprise-linux", "Red Hat Enterprise Linux Server, Standard, 1-2 sockets", "One-year subscription with standard support.",
			catalog.SoftwareSubscription, catalog.ProductRedHat, usd(799, 0), 12, "9.4,8.10", "English,Japanese,French", "x86_64 DVD ISO,x86_64 Boot ISO"),

		// Azure reservations (RES): the price is the whole term's.
		ri("azure-vm-d2s-v5-1yr", "Reserved VM Instance, Dsv5 series, D2s v5, East US, 1 year", "2 vCPU, 8 GiB; about 40% below pay-as-you-go.", "vm", "East US", usd(502, 0), 12),
		ri("azure-vm-d2s-v5-3yr", "Reserved VM Instance, Dsv5 series, D2s v5, East US, 3 years", "2 vCPU, 8 GiB; about 60% below pay-as-you-go.", "vm", "East US", usd(1075, 0), 36),
		ri("azure-vm-d4s-v5-1yr", "Reserved VM Instance, Dsv5 series, D4s v5, West Europe, 1 year", "4 vCPU, 16 GiB.", "vm", "West Europe", usd(1104, 0), 12),
		ri("azure-vm-e4s-v5-3yr", "Reserved VM Instance, Esv5 series, E4s v5, West Europe, 3 years", "4 vCPU, 32 GiB, memory optimized.", "vm", "West Europe", usd(2890, 0), 36),
		ri("azure-sql-database-1yr", "SQL Database reserved vCore, General Purpose, Gen5, 2 vCores, 1 year", "Reserved compute for SQL Database and managed instances.", "sql", "East US", usd(2913, 0), 12),
		ri("azure-sql-database-3yr", "SQL Database reserved vCore, General Purpose, Gen5, 2 vCores, 3 years", "Reserved compute for SQL Database and managed instances.", "sql", "East US", usd(6251, 0), 36),
		ri("azure-cosmos-db-1yr", "Azure Cosmos DB reserved capacity, 100 RU/s, 1 year", "Reserved throughput for Azure Cosmos DB.", "cosmos", "East US", usd(70, 8), 12),
		ri("azure-cosmos-db-3yr", "Azure Cosmos DB reserved capacity, 100 RU/s, 3 years", "Reserved throughput for Azure Cosmos DB.", "cosmos", "East US", usd(157, 68), 36),
	}
}

// seedCatalog writes the demo catalog; the demo orders are placed by
// seedHistory.
func seedCatalog(ctx context.Context, sd seeder) error {
	g := sd.db
	var have int64
	if err := g.WithContext(ctx).Model(&catalog.Offer{}).Where("id = ?", ID("offer:m365-business-basic")).Count(&have).Error; err != nil {
		return err
	}
	if have > 0 {
		return nil
	}
	return g.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(demoOffers(), 100).Error
}
