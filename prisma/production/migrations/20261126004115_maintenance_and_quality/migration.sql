-- CreateTable
CREATE TABLE "MaintenanceRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "moNumber" TEXT,
    "workOrderSequence" INTEGER,
    "plannedStart" DATETIME,
    "plannedEnd" DATETIME,
    "durationMinutes" INTEGER NOT NULL DEFAULT 0,
    "downFrom" DATETIME,
    "downUntil" DATETIME,
    "diagnosis" TEXT,
    "technician" TEXT,
    "labourMinutes" INTEGER NOT NULL DEFAULT 0,
    "partsCostCents" INTEGER NOT NULL DEFAULT 0,
    "labourCostCents" INTEGER NOT NULL DEFAULT 0,
    "statusNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MaintenanceRequest_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- CreateTable
CREATE TABLE "MaintenancePart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitCostCents" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MaintenancePart_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "MaintenanceRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- CreateTable
CREATE TABLE "MaintenancePlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workCenterId" INTEGER NOT NULL,
    "everyDays" INTEGER,
    "everyOperatingHours" INTEGER,
    "durationMinutes" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "operatingMinutesAtLast" INTEGER NOT NULL DEFAULT 0,
    "lastOpenedAt" DATETIME,
    "updatedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MaintenancePlan_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- CreateTable
CREATE TABLE "QualityPoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "productSku" TEXT NOT NULL,
    "operationSequence" INTEGER,
    "kind" TEXT NOT NULL,
    "characteristic" TEXT,
    "minValue" REAL,
    "maxValue" REAL,
    "onFail" TEXT NOT NULL DEFAULT 'rework',
    "instructions" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- CreateTable
CREATE TABLE "QualityAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "workCenterId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "QualityAlert_workCenterId_fkey" FOREIGN KEY ("workCenterId") REFERENCES "WorkCenter" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QualityCheck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "workOrderId" INTEGER NOT NULL,
    "qualityPointId" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "measured" TEXT,
    "outcome" TEXT,
    "reason" TEXT,
    "photoRef" TEXT,
    "checkedBy" TEXT,
    "checkedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QualityCheck_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "QualityCheck_qualityPointId_fkey" FOREIGN KEY ("qualityPointId") REFERENCES "QualityPoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_QualityCheck" ("checkedAt", "checkedBy", "id", "kind", "measured", "status", "workOrderId") SELECT "checkedAt", "checkedBy", "id", "kind", "measured", "status", "workOrderId" FROM "QualityCheck";
DROP TABLE "QualityCheck";
ALTER TABLE "new_QualityCheck" RENAME TO "QualityCheck";
CREATE UNIQUE INDEX "QualityCheck_key_key" ON "QualityCheck"("key");
CREATE INDEX "QualityCheck_workOrderId_idx" ON "QualityCheck"("workOrderId");
CREATE INDEX "QualityCheck_status_idx" ON "QualityCheck"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceRequest_number_key" ON "MaintenanceRequest"("number");
-- CreateIndex
CREATE UNIQUE INDEX "MaintenanceRequest_key_key" ON "MaintenanceRequest"("key");
-- CreateIndex
CREATE INDEX "MaintenanceRequest_workCenterId_status_idx" ON "MaintenanceRequest"("workCenterId", "status");
-- CreateIndex
CREATE INDEX "MaintenanceRequest_status_idx" ON "MaintenanceRequest"("status");
-- CreateIndex
CREATE UNIQUE INDEX "MaintenancePart_key_key" ON "MaintenancePart"("key");
-- CreateIndex
CREATE INDEX "MaintenancePart_requestId_idx" ON "MaintenancePart"("requestId");
-- CreateIndex
CREATE UNIQUE INDEX "MaintenancePlan_workCenterId_key" ON "MaintenancePlan"("workCenterId");
-- CreateIndex
CREATE INDEX "QualityPoint_productSku_idx" ON "QualityPoint"("productSku");
-- CreateIndex
CREATE UNIQUE INDEX "QualityAlert_number_key" ON "QualityAlert"("number");
-- CreateIndex
CREATE INDEX "QualityAlert_workCenterId_status_idx" ON "QualityAlert"("workCenterId", "status");
