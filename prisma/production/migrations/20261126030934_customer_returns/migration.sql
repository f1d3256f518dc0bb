-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Bom" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "productSku" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'manufacture',
    "version" INTEGER NOT NULL DEFAULT 1,
    "outputQty" INTEGER NOT NULL DEFAULT 1,
    "active" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_Bom" ("active", "id", "outputQty", "productSku", "version") SELECT "active", "id", "outputQty", "productSku", "version" FROM "Bom";
DROP TABLE "Bom";
ALTER TABLE "new_Bom" RENAME TO "Bom";
CREATE UNIQUE INDEX "Bom_productSku_purpose_version_key" ON "Bom"("productSku", "purpose", "version");
CREATE TABLE "new_ManufacturingOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "productSku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'manufacture',
    "bomId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "parentType" TEXT NOT NULL,
    "parentRef" TEXT,
    "requestedBy" TEXT NOT NULL,
    "dueDate" DATETIME,
    "plannedStart" DATETIME,
    "plannedEnd" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "materialCostCents" INTEGER NOT NULL DEFAULT 0,
    "machineCostCents" INTEGER NOT NULL DEFAULT 0,
    "labourCostCents" INTEGER NOT NULL DEFAULT 0,
    "lossCents" INTEGER NOT NULL DEFAULT 0,
    "statusNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ManufacturingOrder" ("bomId", "createdAt", "dueDate", "finishedAt", "id", "key", "labourCostCents", "lossCents", "machineCostCents", "materialCostCents", "number", "parentRef", "parentType", "plannedEnd", "plannedStart", "productSku", "quantity", "requestedBy", "startedAt", "status", "statusNote", "updatedAt") SELECT "bomId", "createdAt", "dueDate", "finishedAt", "id", "key", "labourCostCents", "lossCents", "machineCostCents", "materialCostCents", "number", "parentRef", "parentType", "plannedEnd", "plannedStart", "productSku", "quantity", "requestedBy", "startedAt", "status", "statusNote", "updatedAt" FROM "ManufacturingOrder";
DROP TABLE "ManufacturingOrder";
ALTER TABLE "new_ManufacturingOrder" RENAME TO "ManufacturingOrder";
CREATE UNIQUE INDEX "ManufacturingOrder_number_key" ON "ManufacturingOrder"("number");
CREATE UNIQUE INDEX "ManufacturingOrder_key_key" ON "ManufacturingOrder"("key");
CREATE INDEX "ManufacturingOrder_status_idx" ON "ManufacturingOrder"("status");
CREATE INDEX "ManufacturingOrder_parentRef_idx" ON "ManufacturingOrder"("parentRef");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
